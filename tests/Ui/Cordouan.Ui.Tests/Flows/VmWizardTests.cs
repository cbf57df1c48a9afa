using System.Text.RegularExpressions;
using Cordouan.Ui.Tests.Fixtures;
using Microsoft.Playwright;
using Xunit;

namespace Cordouan.Ui.Tests.Flows;

/// <summary>A VM's life through the UI: the wizard creates it from the test guest image, the VM view runs it.</summary>
[Collection("ui")]
public sealed partial class VmWizardTests(UiNode ui)
{
    [Fact]
    public async Task Wizard_ImportGuestWithSerialConsole_CreatesVmShownInTree()
    {
        const int VmId = 150;
        var ct = TestContext.Current.CancellationToken;
        await using var browser = await ui.OpenAsync();
        await browser.LoginAsync("admin", ui.Node.AdminPassword);
        try
        {
            await CreateThroughWizardAsync(browser, VmId, start: false);

            await Assertions.Expect(browser.ByTestId($"tree-vm-{VmId}")).ToBeVisibleAsync();
            await browser.ShotAsync("created");
            // What the wizard asked for is what the VM got: the imported disk and the serial console.
            var config = (await ui.Admin.GetAsync($"/nodes/{ui.Node.NodeName}/qemu/{VmId}/config", ct)).EnsureOk().Data!;
            Assert.Equal("socket", config["serial0"]!.GetValue<string>());
            Assert.StartsWith("local:", config["scsi0"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("ui150", config["name"]!.GetValue<string>());
        }
        finally
        {
            await ui.Admin.DeleteAsync($"/nodes/{ui.Node.NodeName}/qemu/{VmId}", ct);
        }
    }

    [Fact]
    public async Task VmView_StartConsolesStopDelete_GuestHeartbeatInSerialConsole()
    {
        const int VmId = 151;
        await using var browser = await ui.OpenAsync();
        await browser.LoginAsync("admin", ui.Node.AdminPassword);
        await CreateThroughWizardAsync(browser, VmId, start: false);
        await browser.ByTestId($"tree-vm-{VmId}").ClickAsync();
        await Assertions.Expect(browser.ByTestId("vm-status")).ToHaveTextAsync("stopped");

        await browser.ByTestId("vm-start").ClickAsync();
        await Assertions.Expect(browser.ByTestId("vm-status")).ToHaveTextAsync("running");
        await browser.ByTestId("tab-console").ClickAsync();
        // The guest's own heartbeat, read from xterm.js's DOM renderer; the guest boots under TCG (bounded 120 s).
        await Assertions.Expect(browser.ByTestId("serial-console").Locator(".xterm-rows"))
            .ToContainTextAsync(Heartbeat(), new LocatorAssertionsToContainTextOptions { Timeout = 120_000 });
        await browser.ShotAsync("heartbeat");
        // noVNC through vncproxy + vncwebsocket: QEMU's own VNC server, relayed by cordouand.
        await browser.ByTestId("console-vnc").ClickAsync();
        await Assertions.Expect(browser.ByTestId("vnc-console-state")).ToHaveTextAsync("Connected");
        // noVNC sizes its canvas from QEMU's ServerInit (the framebuffer size): proof that RFB went both ways.
        await Assertions.Expect(browser.ByTestId("vnc-console").Locator("canvas")).ToHaveAttributeAsync("width", FramebufferSize());
        await browser.ShotAsync("vnc");

        await browser.ByTestId("vm-stop").ClickAsync();
        await browser.ByTestId("confirm-ok").ClickAsync();
        await Assertions.Expect(browser.ByTestId("vm-status")).ToHaveTextAsync("stopped");
        await browser.ShotAsync("stopped");

        await browser.ByTestId("vm-delete").ClickAsync();
        await Assertions.Expect(browser.ByTestId("dialog")).ToBeVisibleAsync();
        await browser.ByTestId("confirm-input").FillAsync(VmId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await browser.ShotAsync("confirm-delete");
        await browser.ByTestId("confirm-ok").ClickAsync();
        await Assertions.Expect(browser.ByTestId($"tree-vm-{VmId}")).ToHaveCountAsync(0);
        await browser.ShotAsync("deleted");
    }

    /// <summary>Walks the wizard: General, CPU &amp; memory, Disk (import of the test guest), Network (none), Cloud-init (off), Confirm.</summary>
    internal async Task CreateThroughWizardAsync(BrowserSession browser, int vmid, bool start)
    {
        await browser.ByTestId("create-vm").ClickAsync();
        await Assertions.Expect(browser.ByTestId("wizard")).ToBeVisibleAsync();
        await Assertions.Expect(browser.ByTestId("field-node")).ToHaveValueAsync(ui.Node.NodeName);
        // The wizard fills in the suggested VMID (GET /cluster/nextid) when it arrives: type ours after that.
        await Assertions.Expect(browser.ByTestId("field-vmid")).Not.ToHaveValueAsync("");
        await browser.ByTestId("field-vmid").FillAsync(vmid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await browser.ByTestId("field-name").FillAsync($"ui{vmid}");
        await browser.ShotAsync("wizard-general");
        await browser.ByTestId("wizard-next").ClickAsync();

        await browser.ByTestId("field-memory").FillAsync("160");
        await browser.ByTestId("wizard-next").ClickAsync();

        await browser.ByTestId("field-disk-storage").SelectOptionAsync("local");
        await browser.ByTestId("field-import-from").FillAsync(ui.Node.ImportVolume(ui.GuestImage));
        await browser.ShotAsync("wizard-disk");
        await browser.ByTestId("wizard-next").ClickAsync();
        await browser.ByTestId("wizard-next").ClickAsync();
        await browser.ByTestId("wizard-next").ClickAsync();

        await Assertions.Expect(browser.ByTestId("field-serial-console")).ToBeCheckedAsync();
        await browser.ByTestId("field-start").SetCheckedAsync(start);
        await browser.ShotAsync("wizard-confirm");
        await browser.ByTestId("wizard-finish").ClickAsync();
        // The wizard follows the create task (the disk import) and then opens the VM.
        await Assertions.Expect(browser.ByTestId("vm-status")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 120_000 });
    }

    [GeneratedRegex(@"HB \d+")]
    private static partial Regex Heartbeat();

    [GeneratedRegex(@"^[1-9]\d*$")]
    private static partial Regex FramebufferSize();
}
