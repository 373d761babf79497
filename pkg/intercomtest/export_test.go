package intercomtest

// RouteSemantics is routeSemantics, for the tests of package intercomtest_test.
var RouteSemantics = routeSemantics
