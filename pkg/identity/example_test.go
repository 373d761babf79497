package identity_test

import (
	"fmt"

	"github.com/intercomkit/intercom-go/pkg/identity"
)

func ExampleUserHash() {
	// In a real server the secret comes from configuration, never from source code.
	secret := []byte("test-identity-secret")

	hash, err := identity.UserHash(secret, "user_12345")
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	// Pass user_id and user_hash to the Intercom Messenger for the signed-in user.
	fmt.Println(hash)
	// Output: a5296c1da2770f17e6ab9258aa15cedf13541071b84f51ee862ed54ae8602090
}

func ExampleVerify() {
	secret := []byte("test-identity-secret")
	err := identity.Verify(secret, "user_12345", "a5296c1da2770f17e6ab9258aa15cedf13541071b84f51ee862ed54ae8602090")
	fmt.Println("valid:", err == nil)
	err = identity.Verify(secret, "user_99999", "a5296c1da2770f17e6ab9258aa15cedf13541071b84f51ee862ed54ae8602090")
	fmt.Println(err)
	// Output:
	// valid: true
	// identity: user hash does not match
}
