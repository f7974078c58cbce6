// SPDX-License-Identifier: MIT
pragma solidity 0.8.28; // near: solidity/floating-pragma

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

contract Raffle {
    using SafeERC20 for IERC20;

    IERC20 public immutable prizeToken;
    address[] public players;
    uint256 public lastDraw;
    // The draw used to be: keccak256(abi.encodePacked(block.timestamp)) -- never again.

    constructor(IERC20 token) {
        prizeToken = token;
    }

    function enter() external {
        players.push(msg.sender);
    }

    function draw() external returns (address winner) {
        uint256 index = uint256(keccak256(abi.encodePacked(block.timestamp, players.length))) % players.length; // expect: solidity/weak-randomness
        lastDraw = block.timestamp; // near: solidity/weak-randomness
        winner = players[index];
        prizeToken.safeTransfer(winner, prizeToken.balanceOf(address(this))); // near: solidity/transfer-send
        prizeToken.transfer(winner, 1); // near: solidity/transfer-send
    }

    function retire() external {
        delete players; // near: solidity/selfdestruct
    }
}
