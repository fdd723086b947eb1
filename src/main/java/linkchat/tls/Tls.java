package linkchat.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS contexts linkchat uses from files: a server's PKCS12 keystore, and a file of
 * trusted certificates (PEM or DER) for a private CA or a self-signed server. Stateless.
 */
public final class Tls {
    /** Environment variable that may hold the keystore's password instead of a file. */
    public static final String PASSWORD_ENV = "LINKCHAT_TLS_PASSWORD";

    private Tls() {}

    /**
     * A context that presents the key in {@code keystore} (PKCS12) and, if {@code trust} is not
     * null, trusts the certificates in that file when it dials other servers.
     */
    public static SSLContext server(Path keystore, char[] password, Path trust) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trust == null ? null : trustManagers(trust).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    /** A context that trusts the certificates in {@code trust}, or the JDK's own CAs if it is null. */
    public static SSLContext client(Path trust) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust == null ? null : trustManagers(trust).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustManagers(Path file) throws IOException, GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        try (InputStream in = Files.newInputStream(file)) {
            int n = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                anchors.setCertificateEntry("trusted-" + n++, cert);
            }
            if (n == 0) {
                throw new IOException("no certificate in " + file);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(anchors);
        return tmf;
    }

    /** The keystore password: the first line of {@code file} if given, else the environment variable. */
    public static char[] password(Path file) throws IOException {
        if (file != null) {
            return Files.readAllLines(file).stream().findFirst().orElse("").toCharArray();
        }
        String env = System.getenv(PASSWORD_ENV);
        if (env == null) {
            throw new IOException("the keystore needs a password: --tls-password-file FILE or " + PASSWORD_ENV);
        }
        return env.toCharArray();
    }
}
