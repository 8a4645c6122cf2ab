package io.github.latentcheck;

/**
 * Bad input: a missing or malformed file, a value out of range, an unknown key, an impossible
 * parameter. The message is one line that names the culprit (file, row, column or key), the rule
 * and the value, so that the command line can print it as it is and exit with status 2.
 *
 * <p>This is the one exception type for bad input; anything else that escapes is a bug.
 */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the culprit, the rule and the value
     */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the culprit, the rule and the value
     * @param cause the underlying failure (an I/O error, a parse error)
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
