using Bunit;
using Frintr.Web.Components.Mosaics;

namespace Frintr.Tests.Components;

/// <summary>FieldErrors: the messages of one field of a submission, and nothing else.</summary>
public sealed class FieldErrorsTests : IDisposable
{
    private static readonly Dictionary<string, string[]> Errors = new()
    {
        ["columns"] = ["Columns must be between 1 and 400.", "Columns is also odd."],
        ["tiles"] = ["Add at least one friend's picture."],
        [""] = ["The mosaic queue is not reachable right now."],
    };

    private readonly BunitContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private IRenderedComponent<FieldErrors> Render(string field, IReadOnlyDictionary<string, string[]>? errors = null) =>
        _ctx.Render<FieldErrors>(p => p.Add(x => x.Errors, errors ?? Errors).Add(x => x.Field, field));

    [Fact]
    public void Shows_each_message_of_its_field_in_order()
    {
        var cut = Render("columns");

        var messages = cut.FindAll("p.validation-message");
        Assert.Equal(["Columns must be between 1 and 400.", "Columns is also odd."], messages.Select(m => m.TextContent));
        Assert.All(messages, m => Assert.Equal("columns", m.GetAttribute("data-field")));
        Assert.All(messages, m => Assert.Equal("alert", m.GetAttribute("role")));
    }

    [Fact]
    public void Shows_no_message_of_another_field()
    {
        var cut = Render("tiles");

        var message = Assert.Single(cut.FindAll("p.validation-message"));
        Assert.Equal("Add at least one friend's picture.", message.TextContent);
        Assert.DoesNotContain("Columns", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("queue", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_the_general_messages_for_the_empty_field()
    {
        var cut = Render("");

        var message = Assert.Single(cut.FindAll("p.validation-message"));
        Assert.Equal("The mosaic queue is not reachable right now.", message.TextContent);
        Assert.Equal("", message.GetAttribute("data-field"));
    }

    [Fact]
    public void Renders_nothing_when_its_field_has_no_messages()
    {
        var cut = Render("blend");

        Assert.Empty(cut.FindAll("*"));
    }

    [Fact]
    public void Renders_nothing_when_there_are_no_errors()
    {
        var cut = Render("columns", new Dictionary<string, string[]>());

        Assert.Empty(cut.FindAll("*"));
    }

    [Fact]
    public void Updates_when_the_errors_change()
    {
        var cut = Render("columns");

        cut.Render(p => p.Add(x => x.Errors, new Dictionary<string, string[]>()));

        Assert.Empty(cut.FindAll("p.validation-message"));
    }
}
