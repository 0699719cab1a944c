/// Shared helpers for every module; logging and the clock arrive with the server.
public enum Support {}
