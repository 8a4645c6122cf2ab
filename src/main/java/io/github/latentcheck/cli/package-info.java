/** API: {@link io.github.latentcheck.cli.LatentcheckCommand}, the command line ({@code main}, and {@code execute} from Java); its subcommands are not. */
package io.github.latentcheck.cli;
