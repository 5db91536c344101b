use pace_scopes::requires_scope;

#[requires_scope("user:users:read")]
struct Handler;

fn main() {
    let _ = Handler;
}
