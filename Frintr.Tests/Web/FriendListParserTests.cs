using Frintr.Web.Mosaics.Submission;

namespace Frintr.Tests.Web;

public sealed class FriendListParserTests
{
    [Fact]
    public void Reads_an_address_a_line_and_name_tab_address_lines_and_collapses_duplicates()
    {
        var list = FriendListParser.Parse([
            "https://example.com/ann.jpg",
            "",
            "# my climbing club",
            "Bob\thttps://example.com/bob.jpg",
            "https://example.com/ann.jpg",
            "Ann again\thttps://example.com/ann.jpg",
        ]);

        Assert.Empty(list.Problems);
        Assert.Equal([new FriendLine(null, "https://example.com/ann.jpg"), new FriendLine("Bob", "https://example.com/bob.jpg")], list.Friends);
    }

    [Fact]
    public void Reads_a_csv_with_name_and_url_columns_in_any_order_and_quoted_fields()
    {
        var list = FriendListParser.Parse([
            "email,URL,Name",
            "ann@example.com,https://example.com/a.png,\"Ann, the climber\"",
            "bob@example.com,https://example.com/b.png,Bob",
        ]);

        Assert.Empty(list.Problems);
        Assert.Equal([new FriendLine("Ann, the climber", "https://example.com/a.png"), new FriendLine("Bob", "https://example.com/b.png")], list.Friends);
    }

    [Fact]
    public void Says_which_lines_are_not_web_addresses_or_too_long()
    {
        var list = FriendListParser.Parse([
            "ftp://example.com/friend.jpg",
            "javascript:alert(1)",
            "https://example.com/" + new string('a', 2100),
        ]);

        Assert.Empty(list.Friends);
        Assert.Equal([
            "“ftp://example.com/friend.jpg” is not an http or https address.",
            "“javascript:alert(1)” is not an http or https address.",
            "The address on line 3 is longer than 2,048 characters.",
        ], list.Problems);
    }

    [Fact]
    public void Names_lose_control_and_direction_characters()
    {
        var list = FriendListParser.Parse(["Ev\u202Eil\u0007 Bob\thttps://example.com/b.jpg"]);

        Assert.Equal("Evil Bob", list.Friends.Single().Name);
    }
}
