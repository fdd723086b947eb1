/** linkchat: a federated terminal chat over TCP speaking the 64-byte-header wire format. */
module linkchat {
    requires org.jline.reader;
    requires org.jline.terminal;
    // JLine hears SIGWINCH (resize), SIGCONT and SIGINT through sun.misc.Signal, found by reflection:
    // without this module in the boot layer a resized terminal kept its old size for good.
    requires jdk.unsupported;

    exports linkchat.cli;
}
