package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.spec.Places;
import io.github.latentcheck.spec.Options;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds check providers through {@link ServiceLoader} and creates checks by type. */
public final class Checks {
    private Checks() {
    }

    /** @return every provider on the class path, by type name */
    public static Map<String, CheckProvider> providers() {
        Map<String, CheckProvider> byType = new TreeMap<>();
        for (CheckProvider p : ServiceLoader.load(CheckProvider.class)) {
            byType.putIfAbsent(p.type(), p);
        }
        return byType;
    }

    /**
     * @param options the check's options: {@code type}, an optional {@code id}, and its own keys
     * @return the check
     * @throws InvalidInputException for an unknown type or a bad or unknown option, naming the line
     */
    public static Check create(Options options) {
        String type = options.requireString("type");
        String id = options.string("id", type);
        CheckProvider provider = providers().get(type);
        if (provider == null) {
            throw new InvalidInputException(options.where("type") + ": unknown check type '" + type
                    + "' (known: " + String.join(", ", providers().keySet()) + ")");
        }
        Check check;
        try {
            check = provider.create(id, options);
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw e instanceof InvalidInputException bad && Places.locates(options, bad.getMessage()) ? bad
                    : new InvalidInputException(options.where() + ": check '" + id + "': " + e.getMessage(), e);
        }
        options.rejectUnknownKeys();
        return check;
    }
}
