namespace Vigil.Core.Workflow;

/// <summary>How long an alert has been waiting since it was raised, in the buckets the queue counts.</summary>
public enum AlertAge
{
    /// <summary>Raised within the last day.</summary>
    Day,

    /// <summary>One to seven days.</summary>
    Week,

    /// <summary>Seven to thirty days.</summary>
    Month,

    /// <summary>Thirty days or more.</summary>
    Older,
}
