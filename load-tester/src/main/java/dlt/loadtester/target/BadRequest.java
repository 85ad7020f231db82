package dlt.loadtester.target;

/** A request the sample target refuses with 400 and a one-line reason; carries no stack trace. */
final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadRequest(String reason) {
    super(reason, null, false, false);
  }
}
