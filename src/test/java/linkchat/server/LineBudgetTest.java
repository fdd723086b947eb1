package linkchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class LineBudgetTest {
    private static LineBudget.Share share(LineBudget budget) {
        return budget.new Share(new FrameClock(new Socket(), InputStream.nullInputStream(), 1_000));
    }

    @Test
    void aLongLineWaitsUntilAnotherGivesItsBytesBack() throws Exception {
        LineBudget budget = new LineBudget(100_000);
        LineBudget.Share first = share(budget);
        first.take(60_000);
        LineBudget.Share second = share(budget);
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                second.take(60_000);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(waiting.join(Duration.ofMillis(200)), "two 60 KB lines held at once in a 100 KB budget");
        first.giveBack();
        assertTrue(waiting.join(Duration.ofSeconds(5)));
        assertEquals(40_000, budget.available());
        second.giveBack();
        second.giveBack();
        assertEquals(100_000, budget.available(), "given back once, however often asked");
    }
}
