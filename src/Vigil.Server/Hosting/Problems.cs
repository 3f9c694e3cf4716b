namespace Vigil.Server.Hosting;

/// <summary>RFC 9457 problem documents for the errors the API reports itself.</summary>
internal static class Problems
{
    /// <summary>400 with a message naming the field that is wrong.</summary>
    public static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    public static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult NotReady() =>
        Results.Problem(detail: "The screening index is still being built from the store; try again shortly.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");

    /// <summary>503: the store holds no list, so a screening would find nothing whatever the query.</summary>
    public static IResult NoLists() =>
        Results.Problem(detail: NoListsDetail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "No lists loaded");

    public const string NoListsDetail =
        "The store holds no sanctions list, so screening would find nothing whatever the query; import one (vigil import, vigil update) and try again.";

    public static Task Write(HttpContext context, int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
}
