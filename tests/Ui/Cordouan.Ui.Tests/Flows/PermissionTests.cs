using Cordouan.Ui.Tests.Fixtures;
using Microsoft.Playwright;
using Xunit;

namespace Cordouan.Ui.Tests.Flows;

/// <summary>The tree shows what the API lets the user see: a user with rights on one VM sees that VM only.</summary>
[Collection("ui")]
public sealed class PermissionTests(UiNode ui)
{
    [Fact]
    public async Task Tree_UserWithRightsOnOneVm_ShowsOnlyThatVm()
    {
        ui.Require();
        var ct = TestContext.Current.CancellationToken;
        var node = ui.Node.NodeName;
        foreach (var vmid in new[] { "181", "182" })
        {
            await ui.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{node}/qemu", new() { ["vmid"] = vmid, ["name"] = "perm" + vmid, ["memory"] = "64" }, ct);
        }
        const string Password = "ui-operator-pw-1";
        (await ui.Admin.PostAsync("/access/users", new() { ["userid"] = "operator181@pve", ["password"] = Password }, ct)).EnsureOk();
        (await ui.Admin.PutAsync("/access/acl", new() { ["path"] = "/vms/181", ["roles"] = "PVEVMUser", ["users"] = "operator181@pve" }, ct)).EnsureOk();
        try
        {
            await using var browser = await ui.OpenAsync();
            await browser.LoginAsync("operator181", Password);

            await Assertions.Expect(browser.ByTestId("tree-vm-181")).ToBeVisibleAsync();
            await Assertions.Expect(browser.ByTestId("tree-vm-182")).ToHaveCountAsync(0);
            await Assertions.Expect(browser.ByTestId("current-user")).ToContainTextAsync("operator181@pve");
            await browser.ShotAsync("one-vm-visible");
        }
        finally
        {
            await ui.Admin.DeleteAsync("/access/users/operator181@pve", ct);
            foreach (var vmid in new[] { "181", "182" })
            {
                await ui.Admin.RunTaskAsync(HttpMethod.Delete, $"/nodes/{node}/qemu/{vmid}", null, ct);
            }
        }
    }
}
