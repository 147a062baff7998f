package dev.genstore.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import org.junit.jupiter.api.Test;

class PostgresSmokeTest {
    @Test
    void opensAndDebits() {
        try (Genstore g = Genstore.open(TestPostgres.freshStorage())) {
            User u = g.accounts().create(NewUser.withEmail("a@b.co"));
            g.ledger().credit(u.id(), 10, "X", "r1");
            assertEquals(7, g.ledger().debit(u.id(), 3, "Y", "r2").balanceAfter());
            assertEquals(0, g.ledger().verify().size());
        }
    }
}
