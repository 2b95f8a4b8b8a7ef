/// The version printed by `attnsh --version`.
public enum AttnVersion {
    public static let string = "0.1.0"
}
