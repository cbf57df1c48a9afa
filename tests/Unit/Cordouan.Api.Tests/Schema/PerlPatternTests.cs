using Cordouan.Api.Schema;
using Xunit;

namespace Cordouan.Api.Tests.Schema;

public sealed class PerlPatternTests
{
    [Theory]
    [InlineData("(?^:[A-Za-z][A-Za-z0-9\\.\\-_]+)", "(?:[A-Za-z][A-Za-z0-9\\.\\-_]+)")]
    [InlineData("(?^i:[a-z])", "(?i:[a-z])")]
    [InlineData("\\d{1,2}:[\\d]", "[0-9]{1,2}:[0-9]")]
    [InlineData("[A-Za-z][A-Za-z0-9\\-\\_]+", "[A-Za-z][A-Za-z0-9\\-_]+")]
    public void Translate_PerlSyntax_DotNetSyntax(string perl, string expected) => Assert.Equal(expected, PerlPattern.Translate(perl));

    [Theory]
    [InlineData("[1-9][0-9]{2,8}-\\d{1,9}", "100-5", true)]
    [InlineData("[1-9][0-9]{2,8}-\\d{1,9}", "100-\u0665", false)]
    [InlineData("[1-9][0-9]{2,8}-\\d{1,9}", "x100-5", false)]
    [InlineData("[1-9][0-9]{2,8}-\\d{1,9}", "100-5\n", false)]
    [InlineData("(?^:^(?^:[^\\s:/]+)\\@(?^:[A-Za-z][A-Za-z0-9\\.\\-_]+)(?:!(?^:[A-Za-z][A-Za-z0-9\\.\\-_]+))?$)", "a@pve!tok", true)]
    [InlineData("(?^:^(?^:[^\\s:/]+)\\@(?^:[A-Za-z][A-Za-z0-9\\.\\-_]+)(?:!(?^:[A-Za-z][A-Za-z0-9\\.\\-_]+))?$)", "a@pve!tok\n", false)]
    [InlineData("(?:(?:(?:acl|properties|entry);)*(?:acl|properties|entry))|none", "acl;entry", true)]
    [InlineData("(?:(?:(?:acl|properties|entry);)*(?:acl|properties|entry))|none", "nonex", false)]
    public void Compile_AnchoredBothEnds(string perl, string value, bool matches) => Assert.Equal(matches, PerlPattern.Compile(perl).IsMatch(value));

    [Fact]
    public void Compile_EveryFactsPattern_Compiles()
    {
        var schema = PveApiSchema.LoadEmbedded();
        Assert.True(schema.Methods.SelectMany(m => m.Parameters.Values).Count(p => p.Pattern is not null) > 150);
    }
}
