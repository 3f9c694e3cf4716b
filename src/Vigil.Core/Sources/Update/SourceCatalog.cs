using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Core.Sources;

/// <summary>One list Vigil fetches: where the publisher puts it, and its format when detection should not decide.</summary>
/// <param name="Files">For lists published as several files (OFAC's CSV set): each file's name and address, downloaded into one folder.</param>
public sealed record CatalogEntry(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("format")] string? Format = null,
    [property: JsonPropertyName("files")] IReadOnlyList<CatalogFile>? Files = null)
{
    /// <summary>Every address to fetch, with the file name each is saved under.</summary>
    public IReadOnlyList<CatalogFile> Downloads =>
        Files is { Count: > 0 } ? Files : [new CatalogFile(FileNameOf(Url ?? throw new InvalidOperationException($"{Source}: catalog entry has neither url nor files")), Url)];

    private static string FileNameOf(string url)
    {
        var name = Path.GetFileName(new Uri(url).AbsolutePath);
        return string.IsNullOrEmpty(name) || name == "content" ? "download" : name;
    }
}

/// <summary>One file of a multi-file list.</summary>
public sealed record CatalogFile(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("url")] string Url);

/// <summary>
/// The lists <c>vigil update</c> fetches: a built-in catalog of the publishers' official download addresses, or a
/// JSON file (<c>{"sources":[{"source":"un-sc","url":"...","format":"un-sc-xml"}]}</c>) that points elsewhere.
/// </summary>
public sealed class SourceCatalog
{
    private static readonly JsonSerializerOptions ReadOptions = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public SourceCatalog(IReadOnlyList<CatalogEntry> entries) => Entries = entries;

    public IReadOnlyList<CatalogEntry> Entries { get; }

    /// <summary>The publishers' own addresses, as published on their sites.</summary>
    public static SourceCatalog BuiltIn { get; } = new(
    [
        new("un-sc", "https://scsanctions.un.org/resources/xml/en/consolidated.xml", "un-sc-xml"),
        new("us-ofac-sdn", "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML"),
        new("us-ofac-cons", "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML"),
        new("eu-fsf", "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"),
        new("gb-hmt", "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv"),
        new("au-dfat", "https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx"),
        new("ca-sema", "https://www.international.gc.ca/world-monde/assets/office_docs/international_relations-relations_internationales/sanctions/sema-lmes.xml"),
        new("ch-seco", "https://www.sesam.search.admin.ch/sesam-search-web/pages/downloadXmlGesamtliste.xhtml?lang=en&action=downloadXmlGesamtlisteAction"),
        new("us-bis-dpl", "https://www.bis.doc.gov/dpl/dpl.txt"),
    ]);

    /// <summary>Reads a catalog file; a malformed one fails naming the file and the JSON position.</summary>
    public static SourceCatalog Load(string path)
    {
        CatalogDocument? document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonSerializer.Deserialize<CatalogDocument>(stream, ReadOptions);
        }
        catch (JsonException e)
        {
            throw new ListFormatException(path, $"line {(e.LineNumber ?? 0) + 1}", "malformed catalog: " + e.Message, e);
        }
        if (document?.Sources is not { Count: > 0 } sources)
        {
            throw new ListFormatException(path, "whole file", "catalog lists no sources (expected {\"sources\":[{\"source\":...,\"url\":...}]})");
        }
        for (var i = 0; i < sources.Count; i++)
        {
            var e = sources[i];
            if (string.IsNullOrWhiteSpace(e.Source) || (e.Url is null && e.Files is not { Count: > 0 }))
            {
                throw new ListFormatException(path, $"sources[{i}]", "each source needs \"source\" and \"url\" (or \"files\")");
            }
            foreach (var d in e.Downloads)
            {
                if (!Uri.TryCreate(d.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    throw new ListFormatException(path, $"sources[{i}]", $"'{d.Url}' is not an http(s) address");
                }
            }
        }
        return new SourceCatalog(sources);
    }

    private sealed record CatalogDocument([property: JsonPropertyName("sources")] List<CatalogEntry>? Sources);
}
