using System.Xml.Linq;

namespace Vigil.Tests.Storage;

/// <summary>
/// Builds an "older" UN list from the real one in a temp file, so that importing it then the real file exercises every
/// kind of change: Khalimov (QDi.372) not yet listed, an invented entry later delisted, and one entry whose DOB changed.
/// </summary>
internal static class UnListVariants
{
    public const string LaterListed = "un-sc:QDi.372";
    public const string LaterDelisted = "un-sc:QDi.999";
    public const string Amended = "un-sc:CDi.001";

    public static string WriteOlderList()
    {
        var doc = XDocument.Load(TestData.Path("un/consolidated.xml"));
        doc.Root!.SetAttributeValue("dateGenerated", "2025-06-01T00:00:00.000Z");
        var individuals = doc.Root.Element("INDIVIDUALS")!;
        var khalimov = individuals.Elements("INDIVIDUAL").Single(e => e.Element("REFERENCE_NUMBER")!.Value == "QDi.372");
        khalimov.Remove();

        var amended = individuals.Elements("INDIVIDUAL").Single(e => e.Element("REFERENCE_NUMBER")!.Value == "CDi.001");
        amended.Element("NATIONALITY")?.Remove();
        amended.Add(new XElement("NATIONALITY", new XElement("VALUE", "Rwanda")));

        individuals.Add(new XElement("INDIVIDUAL",
            new XElement("DATAID", "1"),
            new XElement("FIRST_NAME", "TEMPORARY"),
            new XElement("SECOND_NAME", "PERSON"),
            new XElement("UN_LIST_TYPE", "Al-Qaida"),
            new XElement("REFERENCE_NUMBER", "QDi.999"),
            new XElement("LISTED_ON", "2020-01-01")));
        var path = StoreFactory.NewFilePath("un-older", ".xml");
        doc.Save(path);
        return path;
    }

    /// <summary>
    /// The real UN list with Khalimov's entry (QDi.372) edited, dated later than the real file, so that importing it
    /// after the real one makes a new snapshot whose only change is the edit.
    /// </summary>
    public static string WriteWithKhalimov(string name, string dateGenerated, Action<XElement> edit)
    {
        var doc = XDocument.Load(TestData.Path("un/consolidated.xml"));
        doc.Root!.SetAttributeValue("dateGenerated", dateGenerated);
        var khalimov = doc.Root.Element("INDIVIDUALS")!.Elements("INDIVIDUAL").Single(e => e.Element("REFERENCE_NUMBER")!.Value == "QDi.372");
        edit(khalimov);
        var path = StoreFactory.NewFilePath(name, ".xml");
        doc.Save(path);
        return path;
    }

    /// <summary>A valid UN file holding only Khalimov (QDi.372): a list that lost all but one of its entries.</summary>
    public static string WriteOneRecordList()
    {
        var doc = XDocument.Load(TestData.Path("un/consolidated.xml"));
        doc.Root!.SetAttributeValue("dateGenerated", "2026-03-01T00:00:00.000Z");
        doc.Root.Element("INDIVIDUALS")!.Elements("INDIVIDUAL").Where(e => e.Element("REFERENCE_NUMBER")!.Value != "QDi.372").Remove();
        doc.Root.Element("ENTITIES")!.Elements("ENTITY").Remove();
        var path = StoreFactory.NewFilePath("un-one", ".xml");
        doc.Save(path);
        return path;
    }

    /// <summary>The real UN file cut short in the middle of a record: a malformed file.</summary>
    public static string WriteTruncatedList()
    {
        var bytes = File.ReadAllBytes(TestData.Path("un/consolidated.xml"));
        var path = StoreFactory.NewFilePath("un-truncated", ".xml");
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        return path;
    }
}
