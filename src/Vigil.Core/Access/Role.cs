using System.Text.Json.Serialization;

namespace Vigil.Core.Access;

/// <summary>What a user or an API key may do, as ../shared/WORKFLOW.md's role table gives it (see <see cref="RolePermissions"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    /// <summary>Reads lists, alerts and the audit trail (an auditor or examiner); changes nothing.</summary>
    [JsonStringEnumMemberName("viewer")]
    Viewer,

    /// <summary>Works alerts: comments, assigns and proposes decisions; keeps subjects.</summary>
    [JsonStringEnumMemberName("analyst")]
    Analyst,

    /// <summary>An analyst who also approves or rejects other people's decisions and revokes decisions in force.</summary>
    [JsonStringEnumMemberName("reviewer")]
    Reviewer,

    /// <summary>Users, keys, webhooks, retention and configuration; decides no alert.</summary>
    [JsonStringEnumMemberName("admin")]
    Admin,

    /// <summary>A program: screens, keeps subjects and submits batch jobs; decides nothing and reads no audit trail.</summary>
    [JsonStringEnumMemberName("service")]
    Service,
}
