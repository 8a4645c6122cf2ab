package io.github.latentcheck.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The option spellings that 0.1 renamed so that each idea has one name on every command, still
 * accepted until the next release: a command that names this class as its {@code preprocessor}
 * reads each old spelling ({@code --sample FILE} or {@code --sample=FILE}) as the new one, and the
 * top command notes it on standard error ({@link LatentcheckCommand#deprecationNotes}). Help shows
 * only the new names. Arguments after {@code --} are left alone.
 */
final class OldSpellings implements IParameterPreprocessor {
    /** Command → old spelling → new spelling. */
    static final Map<String, Map<String, String>> RENAMED = Map.of(
            "test", Map.of("--sample", "--samples"),
            "sample", Map.of("--n", "--samples"),
            "audit", Map.of("--k", "--neighbors"),
            "coverage", Map.of("--reference", "--train", "--k", "--prdc-k"));

    @Override
    public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec argSpec, Map<String, Object> info) {
        Map<String, String> renamed = RENAMED.getOrDefault(command.name(), Map.of());
        List<String> notes = new ArrayList<>();
        // The stack's top (its last element) is the next argument.
        for (int i = args.size() - 1; i >= 0 && !args.get(i).equals("--"); i--) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String now = renamed.get(name);
            if (now != null) {
                args.set(i, now + arg.substring(name.length()));
                notes.add(command.name() + " " + name + " is now " + now + "; the old spelling will be removed in "
                        + "the next release");
            }
        }
        if (command.root().userObject() instanceof LatentcheckCommand top) {
            top.deprecationNotes.addAll(notes);
        }
        return false;
    }
}
