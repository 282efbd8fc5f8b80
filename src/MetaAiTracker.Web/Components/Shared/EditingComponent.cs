using System.Globalization;
using System.Security.Claims;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Editing;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace MetaAiTracker.Web.Components.Shared;

/// <summary>
/// Pages where editors and admins change things. One way to run an action as the signed-in user: a refusal, a
/// conflict with another editor's change or a value that cannot be read becomes <see cref="Error"/>, in words,
/// and nothing is half-saved (each service action is one transaction).
/// </summary>
public abstract class EditingComponent : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    protected string? Error { get; set; }

    protected async Task<ClaimsPrincipal> UserAsync() => (await Auth).User;

    /// <summary>Runs <paramref name="action"/>; false (and <see cref="Error"/> set) when it was refused.</summary>
    protected async Task<bool> TryAsync(Func<ClaimsPrincipal, Task> action)
    {
        Error = null;
        try
        {
            await action(await UserAsync());
            return true;
        }
        catch (EditConflictException ex) when (ex.Other is { } other)
        {
            // In the reader's language; the change itself stays as stored, isolated so its direction cannot leak.
            Error = Ui.T("review.conflict", other.UserName, Bidi.Ltr(other.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)), "\u2068" + AuditWords.Describe(other) + "\u2069");
        }
        catch (Exception ex) when (ex is EditConflictException or AccessDeniedException or AccountException or ArgumentException or KeyNotFoundException)
        {
            // The reader's language: a service's English message is for logs and the API.
            Error = UserErrors.Describe(ex);
        }
        return false;
    }
}
