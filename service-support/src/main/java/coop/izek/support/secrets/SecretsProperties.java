package coop.izek.support.secrets;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the platform's master key comes from. Secrets a service must keep (token signing keys, webhook secrets) are
 * stored encrypted under keys derived from it, and email links are signed with one.
 *
 * @param masterKey          the key itself, 32 bytes in base64 ({@code IZEK_MASTER_KEY}); wins over the file
 * @param masterKeyFile      a file holding it ({@code IZEK_MASTER_KEY_FILE}); generated, readable by its owner only,
 *                           when neither exists yet
 * @param previousMasterKeys keys that were in charge before a rotation: still read, never written with
 */
@ConfigurationProperties("izek.secrets")
public record SecretsProperties(String masterKey, @DefaultValue("izek-master.key") Path masterKeyFile,
                                @DefaultValue List<String> previousMasterKeys) {
}
