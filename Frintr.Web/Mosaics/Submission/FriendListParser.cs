using Frintr.Imaging;
using Frintr.Jobs.Friends;
using Microsoft.VisualBasic.FileIO;

namespace Frintr.Web.Mosaics.Submission;

/// <summary>Reads a list of friends' pictures as people write or export one: an address a line, or
/// <c>name⇥address</c>, or a CSV whose header names a <c>url</c> column (and perhaps a <c>name</c> one). Blank lines
/// and lines starting with <c>#</c> are skipped; the same address twice is one friend.</summary>
public static class FriendListParser
{
    public static FriendListParse Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var entries = new List<FriendLine>();
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        (int Name, int Url)? csv = null;
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (entries.Count == 0 && csv is null && problems.Count == 0 && Header(line) is { } header)
            {
                csv = header;
                continue;
            }

            var (name, url) = csv is { } columns ? FromCsv(line, columns, number, problems) : FromLine(line);
            if (url is null)
                continue;
            if (url.Length > MosaicLimits.MaxUrlLength)
                problems.Add($"The address on line {number:N0} is longer than {MosaicLimits.MaxUrlLength:N0} characters.");
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                problems.Add($"“{Shorten(url)}” is not an http or https address.");
            else if (seen.Add(uri.AbsoluteUri))
                entries.Add(new FriendLine(FriendText.CleanName(name), uri.AbsoluteUri));
        }

        return new FriendListParse(entries, problems);
    }

    private static (string? Name, string? Url) FromLine(string line)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        return tab < 0 ? (null, line) : (line[..tab].Trim(), line[(tab + 1)..].Trim());
    }

    private static (string? Name, string? Url) FromCsv(string line, (int Name, int Url) columns, int number, List<string> problems)
    {
        var fields = Fields(line);
        if (fields is null)
        {
            problems.Add($"Line {number:N0} is not valid CSV.");
            return (null, null);
        }

        return (columns.Name >= 0 && columns.Name < fields.Length ? fields[columns.Name] : null,
                columns.Url < fields.Length ? fields[columns.Url].Trim() : null);
    }

    // A CSV header: a line of fields, one of them "url" (any case), perhaps one "name".
    private static (int Name, int Url)? Header(string line)
    {
        if (!line.Contains(',', StringComparison.Ordinal) || Fields(line) is not { } fields)
            return null;
        var names = fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var url = names.IndexOf("url");
        return url < 0 ? null : (names.IndexOf("name"), url);
    }

    private static string[]? Fields(string line)
    {
        using var parser = new TextFieldParser(new StringReader(line))
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        try
        {
            return parser.ReadFields();
        }
        catch (MalformedLineException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}

/// <summary>One friend of a list: an optional name and the picture's address.</summary>
public sealed record FriendLine(string? Name, string Url);

/// <summary>The friends a list gave, and what is wrong with its other lines (in words, with line numbers).</summary>
public sealed record FriendListParse(IReadOnlyList<FriendLine> Friends, IReadOnlyList<string> Problems);
