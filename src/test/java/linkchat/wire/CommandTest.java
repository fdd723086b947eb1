package linkchat.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandTest {
    @Test
    void parsesEveryCommand() {
        assertEquals(new Command.Say("hello"), Command.parse("hello"));
        assertEquals(new Command.Say("/not a command"), Command.parse("//not a command"));
        assertEquals(new Command.Nick("ala"), Command.parse("/nick ala"));
        assertEquals(new Command.Nick("ala"), Command.parse("/NICK  ala "));
        assertEquals(new Command.Quit(""), Command.parse("/quit"));
        assertEquals(new Command.Quit("see you"), Command.parse("/quit see you"));
        assertEquals(new Command.Quit(""), Command.parse("DISCONNECT"));
        assertEquals(new Command.Who(), Command.parse("/who"));
        assertEquals(new Command.Me("waves"), Command.parse("/me waves"));
        assertEquals(new Command.Help(), Command.parse("/help"));
    }

    @Test
    void refusesWrongArgumentsBeforeAnyHandlerRuns() {
        assertEquals(new Command.Invalid("usage: /nick NAME"), Command.parse("/nick"));
        assertEquals(new Command.Invalid("usage: /nick NAME"), Command.parse("/nick two words"));
        assertEquals(new Command.Invalid("usage: /me ACTION"), Command.parse("/me"));
        assertEquals(new Command.Invalid("usage: /who"), Command.parse("/who everyone"));
        Command unknown = Command.parse("/frobnicate now");
        assertInstanceOf(Command.Invalid.class, unknown);
        assertTrue(((Command.Invalid) unknown).problem().contains("/frobnicate"));
    }

    @Test
    void anUnknownCommandIsEchoedCleanAndShort() {
        Command.Invalid echo = (Command.Invalid) Command.parse("/\u001b[2J" + "x".repeat(60_000));
        assertTrue(echo.problem().startsWith("unknown command /" + "x".repeat(Command.SHOWN_NAME_CHARS) + "...;"), echo.problem());
        assertTrue(echo.problem().length() < 100, echo.problem());
    }

    @Test
    void aLineCarriesItsTextsCommandUnderItsId() {
        assertEquals(new Command.Say("hello there", "c7:1"), Command.parse("/line c7:1 hello there"));
        assertEquals(new Command.Say("/not a command", "c7:2"), Command.parse("/LINE c7:2 //not a command"));
        assertEquals(new Command.Me("waves", "c7:3"), Command.parse("/line c7:3 /me waves"));
        assertEquals(new Command.Msg("bob", "psst", "c7:4"), Command.parse("/line c7:4 /msg bob psst"));
        assertEquals(new Command.Say("DISCONNECT now", "A-z.0_9"), Command.parse("/line A-z.0_9 DISCONNECT now"));
        String longest = "x".repeat(LineId.MAX_LENGTH);
        assertEquals(new Command.Say("hi", longest), Command.parse("/line " + longest + " hi"));
        // Without /line nothing has an id, so nothing is acknowledged.
        assertEquals("", Command.parse("hello").lineId());
        assertEquals("", Command.parse("/who").lineId());
    }

    @Test
    void aLineWithABadIdIsRefusedWithoutOne() {
        assertEquals(new Command.Invalid(Command.LINE_USAGE), Command.parse("/line"));
        assertEquals(new Command.Invalid(Command.LINE_USAGE), Command.parse("/line   "));
        for (String bad : List.of("x".repeat(LineId.MAX_LENGTH + 1), "a!b", "ż", "a/b", "\u001b[2J")) {
            Command c = Command.parse("/line " + bad + " hello");
            assertInstanceOf(Command.Invalid.class, c, bad);
            assertEquals("", c.lineId(), bad);
            assertTrue(((Command.Invalid) c).problem().startsWith("bad line id '"), ((Command.Invalid) c).problem());
            assertTrue(((Command.Invalid) c).problem().length() < 150, ((Command.Invalid) c).problem());
        }
    }

    @Test
    void aLineCarryingNothingOrAnotherCommandIsRefusedUnderItsId() {
        assertEquals(new Command.Invalid(Command.LINE_USAGE, "k1"), Command.parse("/line k1"));
        assertEquals(new Command.Invalid(Command.LINE_USAGE, "k1"), Command.parse("/line k1   "));
        assertEquals(new Command.Invalid("usage: /me ACTION", "k2"), Command.parse("/line k2 /me"));
        assertEquals(new Command.Invalid("usage: /msg NICK TEXT", "k2"), Command.parse("/line k2 /msg bob"));
        for (String other : List.of("/who", "/nick ola", "/quit", "/quit bye", "DISCONNECT", "/links", "/help",
                "/line k4 hi", "/line k4")) {
            assertEquals(new Command.Invalid(Command.NOT_CARRIED, "k3"), Command.parse("/line k3 " + other), other);
        }
        Command unknown = Command.parse("/line k5 /frobnicate");
        assertEquals("k5", unknown.lineId());
        assertTrue(((Command.Invalid) unknown).problem().contains("/frobnicate"));
    }

    @Test
    void lineIsNoCommandHelpLists() {
        assertFalse(Command.SPECS.stream().anyMatch(s -> s.name().equals("line")));
    }

    @Test
    void disconnectOnlyAsTheWholePayload() {
        assertEquals(new Command.Say("DISCONNECT now"), Command.parse("DISCONNECT now"));
        assertEquals(new Command.Say("disconnect"), Command.parse("disconnect"));
    }
}
