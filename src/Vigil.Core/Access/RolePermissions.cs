namespace Vigil.Core.Access;

/// <summary>
/// The role table of ../shared/WORKFLOW.md, as data: the one place that says which role may do what. The server's
/// authorization policies and the pages' buttons both ask it.
/// </summary>
public static class RolePermissions
{
    private static readonly Dictionary<Role, Permission[]> Table = new()
    {
        // Reading every subject's evidence includes one's own: a viewer holds both, so one policy admits both to a bundle.
        [Role.Viewer] = [Permission.Screen, Permission.ReadWork, Permission.ReadAudit, Permission.ReadOwnEvidence],
        [Role.Analyst] = [Permission.Screen, Permission.ReadWork, Permission.ManageSubjects, Permission.WorkAlerts, Permission.ReadOwnEvidence],
        [Role.Reviewer] =
        [
            Permission.Screen, Permission.ReadWork, Permission.ManageSubjects, Permission.WorkAlerts, Permission.ApproveDecisions,
            Permission.Revoke, Permission.ReadAudit, Permission.ReadOwnEvidence,
        ],
        [Role.Admin] = [Permission.Screen, Permission.ReadWork, Permission.ManageSubjects, Permission.Revoke, Permission.ReadAudit, Permission.ReadOwnEvidence, Permission.Administer],
        [Role.Service] = [Permission.Screen, Permission.ReadWork, Permission.ManageSubjects],
    };

    public static bool Allows(Role role, Permission permission) =>
        Table.TryGetValue(role, out var permissions) && Array.IndexOf(permissions, permission) >= 0;

    public static IReadOnlyList<Permission> Of(Role role) => Table.TryGetValue(role, out var permissions) ? permissions : [];
}
