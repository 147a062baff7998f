package dev.genstore.spring.boot;

import dev.genstore.Genstore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** Adds {@code genstore: {backend, schemaVersion, housekeeping}} to Actuator's {@code info} endpoint. */
public class GenstoreInfoContributor implements InfoContributor {
    private final Genstore genstore;

    /** An info contributor over {@code genstore}. */
    public GenstoreInfoContributor(Genstore genstore) {
        this.genstore = genstore;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backend", genstore.backend());
        genstore.operations().schemaVersion().ifPresent(version -> details.put("schemaVersion", version));
        details.put("housekeeping", genstore.housekeeping().scheduled() ? "scheduled" : "off");
        builder.withDetail("genstore", details);
    }
}
