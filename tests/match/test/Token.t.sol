// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

import {Test} from "forge-std/Test.sol";

contract TokenTest is Test {
    function test_Name() public {}
}
