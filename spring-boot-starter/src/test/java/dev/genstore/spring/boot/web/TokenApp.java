package dev.genstore.spring.boot.web;

import dev.genstore.accounts.Accounts;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.ledger.Ledger;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A small web application that uses the starter's beans as an application would: injected services. */
@SpringBootApplication
public class TokenApp {

    @RestController
    static class UsersController {
        private final Accounts accounts;
        private final Ledger ledger;

        UsersController(Accounts accounts, Ledger ledger) {
            this.accounts = accounts;
            this.ledger = ledger;
        }

        @PostMapping("/users")
        Map<String, Object> create(@RequestParam("email") String email, @RequestParam("tokens") long tokens) {
            UserId id = accounts.create(NewUser.withEmail(email)).id();
            ledger.credit(id, tokens, "SIGNUP", "signup-" + id);
            return Map.of("id", id.toString(), "balance", ledger.account(id).balance());
        }

        @PostMapping("/users/{id}/debit")
        Map<String, Object> debit(@PathVariable("id") String id, @RequestParam("tokens") long tokens, @RequestParam("reference") String reference) {
            UserId user = UserId.parse(id);
            ledger.debit(user, tokens, "GENERATION", reference);
            return Map.of("balance", ledger.account(user).balance());
        }

        @GetMapping("/users/{id}")
        Map<String, Object> get(@PathVariable("id") String id) {
            UserId user = UserId.parse(id);
            return Map.of("email", accounts.get(user).email(), "balance", ledger.account(user).balance());
        }
    }
}
