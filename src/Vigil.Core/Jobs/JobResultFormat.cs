namespace Vigil.Core.Jobs;

/// <summary>The formats a job's results, and audit exports, are written in.</summary>
public enum JobResultFormat
{
    /// <summary>The canonical result file: one JSON object per row, in row order; its SHA-256 is the one the job records.</summary>
    JsonLines,

    /// <summary>One row per input row, hits joined in cells; formula cells neutralised.</summary>
    Csv,

    /// <summary>The CSV's columns in a workbook, scores as numbers; formula cells neutralised.</summary>
    Xlsx,
}
