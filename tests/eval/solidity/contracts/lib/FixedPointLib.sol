// SPDX-License-Identifier: MIT
pragma solidity >=0.8.0; // near: solidity/floating-pragma

/// @notice Fixed-point helpers shared by the vault contracts.
library FixedPointLib {
    uint256 internal constant WAD = 1e18;

    function mulWad(uint256 x, uint256 y) internal pure returns (uint256) {
        return (x * y) / WAD;
    }
}
