namespace Vigil.Core.Model;

/// <summary>The kinds of listed subject, named as in the FollowTheMoney schema.</summary>
public enum EntitySchema
{
    Person,
    Organization,
    Vessel,
    Aircraft,
}
