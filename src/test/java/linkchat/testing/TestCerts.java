package linkchat.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A self-signed certificate for 127.0.0.1 made at test time with the JDK's keytool: a PKCS12
 * keystore, its password, and the certificate as PEM for clients to trust.
 */
public record TestCerts(Path keystore, char[] password, Path certificate) {
    /** Makes a fresh key and certificate in {@code dir}. */
    public static TestCerts make(Path dir, String name) throws IOException, InterruptedException {
        Path keystore = dir.resolve(name + ".p12");
        Path certificate = dir.resolve(name + ".pem");
        String password = "test-only-" + name;
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", password, "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2"));
        run(List.of(keytool, "-exportcert", "-rfc", "-keystore", keystore.toString(), "-storepass", password,
                "-alias", name, "-file", certificate.toString()));
        return new TestCerts(keystore, password.toCharArray(), certificate);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }
}
