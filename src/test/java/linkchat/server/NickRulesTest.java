package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The nick rule and the key nicks are unique under: what may pass for whom. */
class NickRulesTest {
    @ParameterizedTest(name = "alice + U+{0} is refused")
    @ValueSource(strings = {"FE0F", "FE00", "FE0E", "034F", "180B", "E0100", "17B4", "200B", "2060", "00AD", "E0041"})
    void aNickHoldingADefaultIgnorableIsRefused(String hex) {
        String nick = "alice" + Character.toString(Integer.parseInt(hex, 16));
        assertEquals(NickRules.RULE, NickRules.problem(nick).orElse("accepted"));
    }

    @ParameterizedTest(name = "{0} passes for {1}")
    @CsvSource({
        "alice\u0332, alice", "alice\u20e3, alice", "alicé, alice", "aIice, alice", "a1ice, alice", "a|ice, alice",
        "Ꭺlice, alice", "ꭺlice, alice", "aʟice, alice", "alɩce, alice", "ᴀlice, alice", "ꓮlice, alice",
        "\u0430lice, alice", "\u03b1lice, alice", "ALICE, alice", "ａｌｉｃｅ, alice",
        "rnallory, mallory", "vvendy, wendy", "clave, dave", "Ηarry, harry", "ηed, ned", "Ꮪam, sam",
        "օscar, oscar", "ԁave, dave", "һarry, harry", "Ꮯarol, carol", "B0B, bob", "ałice, alice",
        "a‐lice, a-lice", "jean–luc, jean-luc"})
    void lookAlikesShareAKey(String lookalike, String nick) {
        assertTrue(NickRules.problem(lookalike).isEmpty(), lookalike + " is a valid nick, only taken");
        assertEquals(NickRules.key(nick), NickRules.key(lookalike));
    }

    @ParameterizedTest(name = "{0} and {1} are different nicks")
    @CsvSource({"ala, ola", "anna, ana", "bob, rob", "mallory, malory", "dave, eve", "ziemniak, żółw", "guest-1, guest-7"})
    void differentNicksKeepDifferentKeys(String one, String other) {
        assertNotEquals(NickRules.key(one), NickRules.key(other));
    }

    @ParameterizedTest(name = "{0} is a valid nick")
    @ValueSource(strings = {"ala", "guest-12345", "Zoë", "Zoe\u0308", "żółw", "李小龍", "👾", "o'brien"})
    void ordinaryNicksStayValid(String nick) {
        assertTrue(NickRules.problem(nick).isEmpty(), nick);
    }
}
