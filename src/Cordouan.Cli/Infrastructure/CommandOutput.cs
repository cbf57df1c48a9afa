using System.Text;
using System.Text.Json;
using Cordouan.Client;
using Cordouan.Client.Requests;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cordouan.Cli.Infrastructure;

/// <summary>
/// Prints results: in text mode tables and lines through Spectre.Console (server text never parsed as markup), in
/// JSON mode the API's raw <c>data</c>, indented, straight to standard output.
/// </summary>
public sealed class CommandOutput
{
    private const int PipeWidth = 250;
    private readonly CliEnvironment _environment;

    public CommandOutput(CliEnvironment environment, OutputFormat format)
    {
        _environment = environment;
        Format = format;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(environment.Out),
            Ansi = environment.IsOutputTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = environment.IsOutputTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = environment.IsOutputTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!environment.IsOutputTerminal)
        {
            // Tables piped into files or scripts should not wrap at the 80-column default.
            Console.Profile.Width = PipeWidth;
        }
    }

    public OutputFormat Format { get; }

    public bool IsJson => Format == OutputFormat.Json;

    /// <summary>Standard output as a Spectre console (for spinners and prompts).</summary>
    public IAnsiConsole Console { get; }

    public TextWriter Error => _environment.Error;

    /// <summary>Fetches one API call and prints it: raw <c>data</c> in JSON mode, <paramref name="renderText"/> otherwise.</summary>
    public async Task ShowAsync<T>(CordouanClient client, ApiRequest<T> request, Action<T> renderText, CancellationToken cancellationToken)
    {
        var data = await client.SendForDataAsync(request, cancellationToken);
        if (IsJson)
        {
            WriteJson(data);
            return;
        }
        renderText(request.ReadData(data));
    }

    /// <summary>Writes a JSON value, indented, followed by a newline.</summary>
    public void WriteJson(JsonElement data) => WriteJson(writer => data.WriteTo(writer));

    /// <summary>Writes JSON produced by <paramref name="write"/>, indented, followed by a newline.</summary>
    public void WriteJson(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }
        _environment.Out.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        _environment.Out.Flush();
    }

    /// <summary>Writes one line of plain text (never interpreted as markup).</summary>
    public void WriteLine(string text) => Console.Write(new Text(text + "\n"));

    /// <summary>Writes a table with the given column headers; null cells print empty.</summary>
    public void WriteTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell ?? string.Empty)));
        }
        Console.Write(table);
    }

    /// <summary>Writes name/value pairs as an aligned two-column list, skipping empty values.</summary>
    public void WriteProperties(IEnumerable<(string Name, string? Value)> properties)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        foreach (var (name, value) in properties)
        {
            if (!string.IsNullOrEmpty(value))
            {
                grid.AddRow(new Text(name + ":", new Style(decoration: Decoration.Bold)), new Text(value));
            }
        }
        Console.Write(grid);
    }
}
