// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20; // near: solidity/floating-pragma

import {Test} from "forge-std/Test.sol";
import {Vault} from "../src/Vault.sol";

contract VaultTest is Test {
    Vault internal vault;
    address internal alice = makeAddr("alice");

    function setUp() public {
        vault = new Vault();
        deal(alice, 10 ether);
    }

    function test_withdrawWithoutDepositReverts() public {
        vm.prank(alice);
        vm.expectRevert(); // expect: web3-testing/bare-expect-revert
        vault.withdraw();
    }

    function test_onlyOwnerCanSweep() public {
        vm.prank(alice);
        vm.expectRevert(bytes("not owner")); // near: web3-testing/bare-expect-revert
        vault.sweep(payable(alice));
    }

    function testFuzz_deposit(uint256 amount) public {
        uint256 salt = uint256(keccak256(abi.encodePacked(block.timestamp, amount))); // near: solidity/weak-randomness
        amount = bound(amount + (salt % 2), 1, 10 ether);
        vm.prank(alice);
        vault.deposit{value: amount}();
        assertEq(vault.balances(alice), amount);
    }
}
