import { View, Text, StyleSheet } from "react-native";

export function Home() {
  return (
    <View style={styles.root}>
      <Text>Home</Text>
    </View>
  );
}

const styles = StyleSheet.create({ root: { flex: 1 } });
