namespace Vigil.Core.Storage;

/// <summary>A monitored subject's latest screening as a delta plan reads it: its id, top score and the threshold it was judged at.</summary>
public sealed record LatestScreening(long Subject, long Screening, double? TopScore, double Threshold);
