package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class LineBudgetTest {
    private static LineBudget.Share share(LineBudget budget, String address) {
        try {
            return budget.new Share(new FrameClock(new Socket(), InputStream.nullInputStream(), 1_000),
                    InetAddress.getByName(address));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Thread taking(LineBudget.Share share, int bytes) {
        return Thread.ofVirtual().start(() -> {
            try {
                share.take(bytes);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aLongLineWaitsUntilAnotherGivesItsBytesBack() throws Exception {
        LineBudget budget = new LineBudget(100_000, 100_000);
        LineBudget.Share first = share(budget, "127.0.0.1");
        first.take(60_000);
        LineBudget.Share second = share(budget, "127.0.0.2");
        Thread waiting = taking(second, 60_000);
        assertFalse(waiting.join(Duration.ofMillis(200)), "two 60 KB lines held at once in a 100 KB budget");
        first.giveBack();
        assertTrue(waiting.join(Duration.ofSeconds(5)));
        assertEquals(40_000, budget.available());
        second.giveBack();
        second.giveBack();
        assertEquals(100_000, budget.available(), "given back once, however often asked");
    }

    @Test
    void oneAddressWaitsPastItsShareWhileAnotherGoesOn() throws Exception {
        LineBudget budget = new LineBudget(100_000, 30_000);
        LineBudget.Share mine = share(budget, "127.0.0.1");
        mine.take(20_000);
        Thread mySecond = taking(share(budget, "127.0.0.1"), 20_000);
        assertFalse(mySecond.join(Duration.ofMillis(200)), "one address held 40 KB of a 30 KB share");
        Thread theirs = taking(share(budget, "127.0.0.2"), 20_000);
        assertTrue(theirs.join(Duration.ofSeconds(5)), "another address waited for the first one's share");
        mine.giveBack();
        assertTrue(mySecond.join(Duration.ofSeconds(5)));
    }
}
