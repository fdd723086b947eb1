package linkchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class IncomingTest {
    @Test
    void linesAreClassified() {
        assertEquals(new Incoming.Chat("ala: hi: there", "ala", "hi: there"), Incoming.parse("ala: hi: there"));
        assertEquals(new Incoming.Notice("* bob joined"), Incoming.parse("* bob joined"));
        assertEquals(new Incoming.Text("two words: no nick"), Incoming.parse("two words: no nick"));
        assertEquals(new Incoming.Text("plain"), Incoming.parse("plain"));
        assertEquals(new Incoming.Notice("* history is long"), Incoming.parse("* history is long"));
        assertEquals(new Incoming.Action("ala: * waves", "ala", "waves"), Incoming.parse("ala: * waves"));
        assertEquals(new Incoming.Chat("ala: *waves", "ala", "*waves"), Incoming.parse("ala: *waves"));
    }

    @Test
    void historyLinesKeepTheirTimeAndInnerLine() {
        Incoming.History h = assertInstanceOf(Incoming.History.class,
                Incoming.parse("* history 2026-11-25T01:15:02Z ala: hello"));
        assertEquals(Instant.parse("2026-11-25T01:15:02Z"), h.at());
        assertEquals(new Incoming.Chat("ala: hello", "ala", "hello"), h.line());
        Incoming.History action = assertInstanceOf(Incoming.History.class,
                Incoming.parse("* history 2026-11-25T01:15:02Z ala: * waves"));
        assertEquals(new Incoming.Action("ala: * waves", "ala", "waves"), action.line());
    }

    @Test
    void whoRepliesListTheirUsers() {
        Incoming.Who who = assertInstanceOf(Incoming.Who.class, Incoming.parse("* 2 users online: ala (s1), bob (s-2)"));
        assertEquals(List.of(new Incoming.User("ala", "s1"), new Incoming.User("bob", "s-2")), who.users());
        assertInstanceOf(Incoming.Who.class, Incoming.parse("* 1 user online: ala (s1)"));
        assertInstanceOf(Incoming.Notice.class, Incoming.parse("* many users online: ala (s1)"));
        assertInstanceOf(Incoming.Notice.class, Incoming.parse("* 1 user online: ala"));
    }

    @Test
    void rosterFollowsWhoJoinsLeavesRenamesAndSpeakers() {
        Roster roster = new Roster();
        roster.learn(Incoming.parse("* 2 users online: ala (s1), bob (s2)"));
        roster.learn(Incoming.parse("* carl joined"));
        roster.learn(Incoming.parse("* bob left (gone)"));
        roster.learn(Incoming.parse("* ala is now known as Alice"));
        roster.learn(Incoming.parse("dave: hi"));
        roster.learn(Incoming.parse("erin: * waves"));
        roster.learn(Incoming.parse("* history 2026-11-25T01:15:02Z erin: old news"));
        assertEquals(List.of("Alice", "carl", "dave", "erin"), roster.matching(""));
        assertEquals(List.of("Alice"), roster.matching("al"));
        roster.learn(Incoming.parse("* 1 user online: zed (s1)"));
        assertEquals(List.of("zed"), roster.matching(""), "a /who reply replaces what was known");
    }

    @Test
    void helpListsEveryCommandOfTheTableOncePerLine() {
        List<String> help = CommandTable.helpLines();
        assertEquals(CommandTable.ROWS.size(), help.size());
        for (linkchat.wire.Command.Spec spec : linkchat.wire.Command.SPECS) {
            assertTrue(help.stream().anyMatch(l -> l.startsWith("* " + spec.usage() + " ")), spec.usage());
        }
        assertTrue(help.stream().anyMatch(l -> l.startsWith("* //TEXT ")));
        assertEquals(List.of("/nick", "/me", "/msg", "/who", "/links", "/help", "/quit", "/reply", "/reconnect"), CommandTable.commandWords());
    }

    @Test
    void colourIsOffWithTheOptionOrAnyNoColorValue() {
        assertTrue(ClientConfig.colourWanted(false, null));
        assertTrue(ClientConfig.colourWanted(false, ""));
        assertEquals(false, ClientConfig.colourWanted(false, "1"));
        assertEquals(false, ClientConfig.colourWanted(true, null));
    }

    @Test
    void privateLinesAreToldApartFromChatLinesAndNotices() {
        assertEquals(new Incoming.Private("[msg] ala -> bob: hi: there", "ala", "bob", "hi: there"),
                Incoming.parse("[msg] ala -> bob: hi: there"));
        assertEquals(new Incoming.Chat("[msg]: hi", "[msg]", "hi"), Incoming.parse("[msg]: hi"), "a nick that looks like the mark");
        assertTrue(Incoming.parse("[msg] no arrow here") instanceof Incoming.Text);
        assertTrue(Incoming.parse("[msg] a b -> c: x") instanceof Incoming.Text);
        Roster roster = new Roster();
        roster.learn(Incoming.parse("[msg] ala -> bob: hi"));
        assertEquals(List.of("ala", "bob"), roster.matching(""));
    }
}
