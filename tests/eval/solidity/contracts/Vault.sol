// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20; // expect: solidity/floating-pragma

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

contract Vault is ReentrancyGuard {
    mapping(address => uint256) public balances;
    address public owner;
    address public implementation;

    error TransferFailed();

    constructor() {
        owner = msg.sender;
    }

    function deposit() external payable {
        balances[msg.sender] += msg.value;
    }

    function withdraw() external {
        uint256 amount = balances[msg.sender];
        (bool ok, ) = msg.sender.call{value: amount}(""); // expect: solidity/reentrancy
        require(ok, "transfer failed");
        balances[msg.sender] = 0;
    }

    function withdrawSafe() external nonReentrant {
        uint256 amount = balances[msg.sender];
        balances[msg.sender] = 0;
        (bool ok, ) = msg.sender.call{value: amount}(""); // near: solidity/reentrancy
        if (!ok) revert TransferFailed();
    }

    function sweep(address payable to) external {
        require(tx.origin == owner, "not owner"); // expect: solidity/tx-origin-auth
        to.transfer(address(this).balance); // expect: solidity/transfer-send
    }

    function sweepSafe(address payable to) external {
        require(msg.sender == owner, "not owner"); // near: solidity/tx-origin-auth
        require(msg.sender == tx.origin, "no contracts"); // near: solidity/tx-origin-auth
        (bool ok, ) = to.call{value: address(this).balance}(""); // near: solidity/unchecked-call
        if (!ok) revert TransferFailed();
    }

    function refund(address payable to, uint256 amount) external {
        require(msg.sender == owner, "not owner");
        to.call{value: amount}(""); // expect: solidity/unchecked-call
    }

    function execute(address target, bytes calldata data) external {
        require(msg.sender == owner, "not owner");
        (bool ok, ) = target.delegatecall(data); // expect: solidity/delegatecall
        require(ok, "delegatecall failed");
    }

    function upgradeTo(bytes calldata data) external {
        (bool ok, ) = implementation.delegatecall(data); // near: solidity/delegatecall
        require(ok, "upgrade call failed");
    }

    function claim(bytes32 digest, uint8 v, bytes32 r, bytes32 s) external view returns (address) {
        return ecrecover(digest, v, r, s); // expect: solidity/raw-ecrecover
    }

    function claimChecked(bytes32 digest, bytes calldata signature) external pure returns (address) {
        return ECDSA.recover(digest, signature); // near: solidity/raw-ecrecover
    }

    function close() external {
        require(msg.sender == owner, "not owner");
        selfdestruct(payable(owner)); // expect: solidity/selfdestruct
    }
}
