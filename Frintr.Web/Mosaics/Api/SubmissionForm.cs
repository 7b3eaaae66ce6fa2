using System.Text;
using Frintr.Imaging;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Frintr.Web.Mosaics.Api;

/// <summary><c>POST /api/mosaics</c>'s multipart body, read part by part with every limit checked before anything is
/// kept (<see cref="MosaicLimits"/>): the number of parts, field names and values, the friends' list (its lines, their
/// length, the count, all characters together), file names. Files are spooled to a temporary folder, never held in
/// memory; the first limit crossed stops the reading, so a hostile body costs what was read up to there.</summary>
public sealed class SubmissionForm : IAsyncDisposable
{
    /// <summary>The file fields; everything else is text.</summary>
    public static readonly IReadOnlySet<string> FileFields = new HashSet<string>(StringComparer.Ordinal) { "target", "tiles" };

    private const string ListField = "tileUrls";
    private const int MaxFieldNameLength = 64;
    private readonly string _spool = Path.Combine(Path.GetTempPath(), "frintr-form-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);
    private int _files;

    private SubmissionForm()
    {
    }

    /// <summary>What is wrong, keyed by field; when not empty, the body was not read to its end.</summary>
    public Dictionary<string, string[]> Errors { get; } = [];

    public IReadOnlyDictionary<string, string> Fields => _fields;

    public SpooledFile? Target { get; private set; }

    public List<SpooledFile> Tiles { get; } = [];

    /// <summary>The friends' list, a line each (blank lines left out).</summary>
    public List<string> ListLines { get; } = [];

    public static async Task<SubmissionForm> ReadAsync(HttpRequest request, int maxFriends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = new SubmissionForm();
        try
        {
            await form.ReadSectionsAsync(request, maxFriends, cancellationToken);
        }
        catch
        {
            await form.DisposeAsync();
            throw;
        }

        return form;
    }

    private async Task ReadSectionsAsync(HttpRequest request, int maxFriends, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            Fail("", "Send the pictures as multipart/form-data with a boundary of at most 70 characters.");
            return;
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        var parts = 0;
        try
        {
            // The next section is only asked for while nothing is wrong: reading it would read (and discard) the rest.
            while (Errors.Count == 0 && await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (++parts > MosaicLimits.MaxFormParts)
                {
                    Fail("", $"A submission has at most {MosaicLimits.MaxFormParts:N0} parts.");
                    return;
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    Fail("", "Every part needs a Content-Disposition: form-data header with its field's name.");
                    return;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (name.Length is 0 or > MaxFieldNameLength)
                {
                    Fail("", $"Field names are 1–{MaxFieldNameLength} characters long.");
                    return;
                }

                if (disposition.IsFileDisposition())
                    await ReadFileAsync(name, disposition, section.Body, maxFriends, cancellationToken);
                else if (name == ListField)
                    await ReadListAsync(section.Body, maxFriends, cancellationToken);
                else
                    await ReadFieldAsync(name, section.Body, cancellationToken);
            }
        }
        catch (InvalidDataException ex)
        {
            Fail("", $"The upload is malformed: {ex.Message}");
        }
    }

    private async Task ReadFileAsync(string field, ContentDispositionHeaderValue disposition, Stream body, int maxFriends, CancellationToken cancellationToken)
    {
        var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty;
        if (!FileFields.Contains(field))
        {
            Fail(field, $"“{field}” is not a file field; pictures go in target and tiles.");
            return;
        }

        if (fileName.Length > MosaicLimits.MaxNameLength)
        {
            Fail(field, $"A file name is at most {MosaicLimits.MaxNameLength} characters long.");
            return;
        }

        if (field == "target" && Target is not null)
        {
            Fail(field, "Send one target picture.");
            return;
        }

        if (field == "tiles" && Tiles.Count >= maxFriends)
        {
            Fail(field, $"At most {maxFriends:N0} friends' pictures per mosaic; you gave more.");
            return;
        }

        Directory.CreateDirectory(_spool);
        var path = Path.Combine(_spool, (++_files).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using (var file = File.Create(path))
            await body.CopyToAsync(file, cancellationToken);
        var spooled = new SpooledFile(fileName.Length > 0 ? fileName : field, path, new FileInfo(path).Length);
        if (field == "target")
            Target = spooled;
        else
            Tiles.Add(spooled);
    }

    private async Task ReadFieldAsync(string name, Stream body, CancellationToken cancellationToken)
    {
        var limit = name switch
        {
            "account" => MosaicLimits.MaxAccountLength,
            "crop" => 2 * MosaicLimits.MaxFieldLength,
            _ => MosaicLimits.MaxFieldLength,
        };
        using var text = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1024, leaveOpen: true);
        var buffer = new char[limit + 1];
        var read = await text.ReadBlockAsync(buffer, cancellationToken);
        if (read > limit)
            Fail(name, $"“{name}” is at most {limit} characters long.");
        else if (!_fields.TryAdd(name, new string(buffer, 0, read)))
            Fail(name, $"“{name}” was given twice.");
    }

    // Line by line, never more than one line in hand: the count, each line's length and the whole list's length are
    // checked as the characters arrive.
    private async Task ReadListAsync(Stream body, int maxFriends, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
        var chunk = new char[16 * 1024];
        var line = new StringBuilder();
        var total = ListLines.Sum(l => l.Length);
        int read;
        while ((read = await text.ReadAsync(chunk, cancellationToken)) > 0)
        {
            total += read;
            if (total > MosaicLimits.MaxListChars)
            {
                Fail(ListField, $"The list of friends is longer than {MosaicLimits.MaxListChars / (1024 * 1024)} million characters.");
                return;
            }

            for (int i = 0; i < read; i++)
            {
                if (chunk[i] == '\n')
                {
                    if (!EndLine(line, maxFriends))
                        return;
                }
                else if (line.Length >= MosaicLimits.MaxListLineLength)
                {
                    Fail(ListField, $"Line {ListLines.Count + 1:N0} of the list is longer than {MosaicLimits.MaxListLineLength:N0} characters (an address is at most {MosaicLimits.MaxUrlLength:N0}).");
                    return;
                }
                else
                {
                    line.Append(chunk[i]);
                }
            }
        }

        EndLine(line, maxFriends);
    }

    private bool EndLine(StringBuilder line, int maxFriends)
    {
        var text = line.ToString().Trim();
        line.Clear();
        if (text.Length == 0)
            return true;
        if (ListLines.Count >= maxFriends + 1)
        {
            // One line over the limit is allowed in, so the list can carry a header; two are not.
            Fail("tiles", $"At most {maxFriends:N0} friends' pictures per mosaic; you gave more.");
            return false;
        }

        ListLines.Add(text);
        return true;
    }

    private void Fail(string field, string message) => Errors[field] = [message];

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_spool))
            Directory.Delete(_spool, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>An uploaded file as the form reader kept it: its name as sent, where it is, its length.</summary>
public sealed record SpooledFile(string FileName, string Path, long Length);
