using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>Reads one native list format into <see cref="SourceRecord"/>s, streaming.</summary>
public interface IListParser
{
    /// <summary>The format's name as given to <c>--format</c>, e.g. <c>un-sc-xml</c>.</summary>
    string Format { get; }

    /// <summary>One line for <c>vigil import --help</c> and the docs.</summary>
    string Description { get; }

    /// <summary>
    /// True when the format lists one record several times under one id, each occurrence adding to it (the EU lists a
    /// person once per programme, with other aliases each time). Otherwise an id met again with other content is an
    /// error: it is two records sharing an id by mistake, and folding them would merge two people.
    /// </summary>
    bool RepeatsIds => false;

    /// <summary>True when the input looks like this format (root element, header row, file set).</summary>
    bool CanRead(ListInput input);

    /// <summary>
    /// Yields the records one at a time. Sets <see cref="ListHeader.Source"/> before the first record and
    /// <see cref="ListHeader.Published"/> as soon as the file states it. Throws <see cref="ListFormatException"/>
    /// naming the file and line or element on anything malformed.
    /// </summary>
    IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default);
}
