using Vigil.Core.Access;

namespace Vigil.Tests.Access;

/// <summary>The role table is the one in ../shared/WORKFLOW.md, row by row.</summary>
public sealed class RolePermissionsTests
{
    public static TheoryData<Permission, Role[]> Rows => new()
    {
        { Permission.Screen, [Role.Viewer, Role.Analyst, Role.Reviewer, Role.Admin, Role.Service] },
        { Permission.ReadWork, [Role.Viewer, Role.Analyst, Role.Reviewer, Role.Admin, Role.Service] },
        { Permission.ManageSubjects, [Role.Analyst, Role.Reviewer, Role.Admin, Role.Service] },
        { Permission.WorkAlerts, [Role.Analyst, Role.Reviewer] },
        { Permission.ApproveDecisions, [Role.Reviewer] },
        { Permission.Revoke, [Role.Reviewer, Role.Admin] },
        { Permission.ReadAudit, [Role.Viewer, Role.Reviewer, Role.Admin] },
        { Permission.ReadOwnEvidence, [Role.Viewer, Role.Analyst, Role.Reviewer, Role.Admin] },
        { Permission.Administer, [Role.Admin] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_permission_is_given_to_exactly_the_roles_the_workflow_table_names(Permission permission, Role[] roles)
    {
        var allowed = Enum.GetValues<Role>().Where(r => RolePermissions.Allows(r, permission)).ToArray();

        Assert.Equal(roles, allowed);
    }

    [Fact]
    public void Every_permission_has_a_row()
    {
        Assert.Equal(Enum.GetValues<Permission>().Length, Rows.Count);
    }
}
