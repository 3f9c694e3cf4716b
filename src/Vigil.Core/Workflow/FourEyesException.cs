namespace Vigil.Core.Workflow;

/// <summary>Someone tried to approve or reject the decision they proposed themselves: four eyes means two people.</summary>
public sealed class FourEyesException(long decisionId, string proposer)
    : Exception($"decision {decisionId} was proposed by {proposer}: another reviewer must approve or reject it")
{
    public long DecisionId { get; } = decisionId;

    public string Proposer { get; } = proposer;
}
