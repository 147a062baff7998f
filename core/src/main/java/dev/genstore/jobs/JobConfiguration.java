package dev.genstore.jobs;

import dev.genstore.accounts.UserId;
import java.time.Instant;
import java.util.Map;

/**
 * Named, reusable generation settings owned by a user.
 *
 * @param id        the configuration's id
 * @param owner     the user who owns it
 * @param name      a name unique among the owner's configurations
 * @param settings  the settings as JSON values (strings, numbers, booleans, lists, maps)
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record JobConfiguration(ConfigurationId id, UserId owner, String name, Map<String, Object> settings,
                               Instant createdAt, Instant updatedAt) {
}
