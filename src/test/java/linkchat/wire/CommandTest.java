package linkchat.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void disconnectOnlyAsTheWholePayload() {
        assertEquals(new Command.Say("DISCONNECT now"), Command.parse("DISCONNECT now"));
        assertEquals(new Command.Say("disconnect"), Command.parse("disconnect"));
    }
}
