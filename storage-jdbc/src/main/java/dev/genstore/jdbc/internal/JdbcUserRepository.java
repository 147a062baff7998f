package dev.genstore.jdbc.internal;

import dev.genstore.accounts.ExternalIdentity;
import dev.genstore.accounts.User;
import dev.genstore.accounts.UserId;
import dev.genstore.jdbc.Dialect;
import dev.genstore.spi.UserRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;

final class JdbcUserRepository implements UserRepository {
    private static final String COLUMNS = "id, email, display_name, given_name, family_name, language, created_at, updated_at";

    private final Handle handle;
    private final Dialect d;

    JdbcUserRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.d = dialect;
    }

    /** A users row before its roles and identities are attached. */
    private record Row(UUID id, String email, String displayName, String givenName, String familyName, String language,
                       Instant createdAt, Instant updatedAt) {
    }

    @Override
    public void insert(User user) {
        handle.createUpdate("INSERT INTO users (" + COLUMNS + ") VALUES (:id, :email, :name, :given, :family, :language,"
                        + " :created, :updated)")
                .bind("id", d.uuid(user.id().value()))
                .bind("email", user.email())
                .bind("name", user.displayName())
                .bind("given", user.givenName())
                .bind("family", user.familyName())
                .bind("language", user.language())
                .bind("created", d.instant(user.createdAt()))
                .bind("updated", d.instant(user.updatedAt()))
                .execute();
        for (String role : user.roles()) {
            insertRole(user.id(), role);
        }
        for (ExternalIdentity identity : user.identities()) {
            insertIdentity(user.id(), identity, user.createdAt());
        }
    }

    @Override
    public Optional<User> find(UserId id) {
        return one("WHERE id = :id", "id", d.uuid(id.value()));
    }

    @Override
    public Set<UserId> existing(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return handle.createQuery("SELECT id FROM users WHERE id IN (<ids>)")
                .bindList("ids", ids.stream().map(id -> d.uuid(id.value())).toList())
                .map((rs, ctx) -> UserId.of(d.uuid(rs, "id")))
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public Optional<User> findByEmail(String normalizedEmail) {
        return one("WHERE email = :email", "email", normalizedEmail);
    }

    @Override
    public Optional<User> findByIdentity(ExternalIdentity identity) {
        Optional<UUID> owner = handle.createQuery(
                        "SELECT user_id FROM user_identities WHERE provider = :provider AND subject = :subject")
                .bind("provider", identity.provider())
                .bind("subject", identity.subject())
                .map((rs, ctx) -> d.uuid(rs, "user_id"))
                .findOne();
        return owner.flatMap(id -> find(UserId.of(id)));
    }

    @Override
    public void updateProfile(UserId id, Profile profile, Instant updatedAt) {
        handle.createUpdate("UPDATE users SET email = :email, display_name = :name, given_name = :given,"
                        + " family_name = :family, language = :language, updated_at = :updated WHERE id = :id")
                .bind("email", profile.email())
                .bind("name", profile.displayName())
                .bind("given", profile.givenName())
                .bind("family", profile.familyName())
                .bind("language", profile.language())
                .bind("updated", d.instant(updatedAt))
                .bind("id", d.uuid(id.value()))
                .execute();
    }

    @Override
    public void addRole(UserId id, String role, Instant updatedAt) {
        insertRole(id, role);
        touch(id, updatedAt);
    }

    @Override
    public void removeRole(UserId id, String role, Instant updatedAt) {
        handle.createUpdate("DELETE FROM user_roles WHERE user_id = :id AND role = :role")
                .bind("id", d.uuid(id.value()))
                .bind("role", role)
                .execute();
        touch(id, updatedAt);
    }

    @Override
    public void addIdentity(UserId id, ExternalIdentity identity, Instant updatedAt) {
        insertIdentity(id, identity, updatedAt);
        touch(id, updatedAt);
    }

    @Override
    public boolean delete(UserId id) {
        return handle.createUpdate("DELETE FROM users WHERE id = :id").bind("id", d.uuid(id.value())).execute() > 0;
    }

    @Override
    public List<User> listAfter(UserId after, int limit) {
        String where = after == null ? "" : "WHERE id > :after ";
        var query = handle.createQuery("SELECT " + COLUMNS + " FROM users " + where + "ORDER BY id LIMIT :limit")
                .bind("limit", limit);
        if (after != null) {
            query.bind("after", d.uuid(after.value()));
        }
        return attach(query.map((rs, ctx) -> row(rs)).list());
    }

    private Optional<User> one(String where, String name, Object value) {
        var query = handle.createQuery("SELECT " + COLUMNS + " FROM users " + where);
        if (value instanceof Argument argument) {
            query.bind(name, argument);
        } else {
            query.bind(name, (String) value);
        }
        List<User> users = attach(query.map((rs, ctx) -> row(rs)).list());
        return users.stream().findFirst();
    }

    private Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(d.uuid(rs, "id"), rs.getString("email"), rs.getString("display_name"),
                rs.getString("given_name"), rs.getString("family_name"), rs.getString("language"),
                d.instant(rs, "created_at"), d.instant(rs, "updated_at"));
    }

    /** Loads roles and identities of all rows with two queries, whatever the number of rows. */
    private List<User> attach(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Argument> ids = rows.stream().map(r -> d.uuid(r.id())).toList();
        Map<UUID, Set<String>> roles = new HashMap<>();
        handle.createQuery("SELECT user_id, role FROM user_roles WHERE user_id IN (<ids>)")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(d.uuid(rs, "user_id"), rs.getString("role")))
                .forEach(e -> roles.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue()));
        Map<UUID, List<ExternalIdentity>> identities = new HashMap<>();
        handle.createQuery("SELECT user_id, provider, subject FROM user_identities WHERE user_id IN (<ids>)"
                        + " ORDER BY provider, subject")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(d.uuid(rs, "user_id"),
                        new ExternalIdentity(rs.getString("provider"), rs.getString("subject"))))
                .forEach(e -> identities.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return rows.stream().map(r -> new User(UserId.of(r.id()), r.email(), r.displayName(), r.givenName(), r.familyName(), r.language(),
                roles.getOrDefault(r.id(), Set.of()), identities.getOrDefault(r.id(), List.of()),
                r.createdAt(), r.updatedAt())).toList();
    }

    private void insertRole(UserId id, String role) {
        handle.createUpdate("INSERT INTO user_roles (user_id, role) VALUES (:id, :role)")
                .bind("id", d.uuid(id.value()))
                .bind("role", role)
                .execute();
    }

    private void insertIdentity(UserId id, ExternalIdentity identity, Instant at) {
        handle.createUpdate("INSERT INTO user_identities (provider, subject, user_id, created_at)"
                        + " VALUES (:provider, :subject, :id, :created)")
                .bind("provider", identity.provider())
                .bind("subject", identity.subject())
                .bind("id", d.uuid(id.value()))
                .bind("created", d.instant(at))
                .execute();
    }

    private void touch(UserId id, Instant updatedAt) {
        handle.createUpdate("UPDATE users SET updated_at = :updated WHERE id = :id")
                .bind("updated", d.instant(updatedAt))
                .bind("id", d.uuid(id.value()))
                .execute();
    }
}
