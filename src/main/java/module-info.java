/** linkchat: a federated terminal chat over TCP speaking the 64-byte-header wire format. */
module linkchat {
    requires org.jline.reader;
    requires org.jline.terminal;

    exports linkchat.cli;
}
