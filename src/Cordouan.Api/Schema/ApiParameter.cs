using System.Text.RegularExpressions;

namespace Cordouan.Api.Schema;

/// <summary>One parameter of a Proxmox method as its schema declares it (<c>PVE::JSONSchema</c> property).</summary>
/// <param name="Type"><c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c> or <c>array</c>.</param>
/// <param name="Format">A registered format name (<c>pve-vmid</c>, <c>pve-configid-list</c>, …), or null; <c>(object)</c> for property strings.</param>
/// <param name="Pattern">The pattern, translated from Perl and anchored at both ends.</param>
public sealed record ApiParameter(
    string Name,
    string Type,
    bool Optional,
    string? Format = null,
    double? Minimum = null,
    double? Maximum = null,
    int? MaxLength = null,
    int? MinLength = null,
    IReadOnlyList<string>? Enum = null,
    Regex? Pattern = null);
