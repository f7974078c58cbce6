import { Dimensions, FlatList, Image, ScrollView, StyleSheet, Text, View, useWindowDimensions } from 'react-native';
import type { Message, Order } from '../types';

const { width } = Dimensions.get('window'); // expect: react-native-design/dimensions-get

export function InboxScreen({ messages, pinned }: { messages: Message[]; pinned: Message[] }) {
  const window = useWindowDimensions(); // near: react-native-design/dimensions-get
  return (
    <View style={{ width: window.width }}>
      <ScrollView horizontal>
        {pinned.map((m) => ( // expect: react-native-design/scrollview-map
          <Text key={m.id}>{m.subject}</Text>
        ))}
      </ScrollView>
      <FlatList
        data={messages}
        keyExtractor={(m) => m.id}
        renderItem={({ item }) => <Text>{item.subject}</Text>}
      />
    </View>
  );
}

export function OrdersScreen({ orders }: { orders: Order[] }) {
  return (
    <FlatList
      data={orders}
      keyExtractor={(item, index) => index.toString()} // expect: react-native-design/index-key-extractor
      renderItem={({ item }) => <Text>{item.number}</Text>}
    />
  );
}

export function ArchivedOrders({ orders }: { orders: Order[] }) {
  return <FlatList data={orders} keyExtractor={(item, index) => item.id} renderItem={({ item }) => <Text>{item.number}</Text>} />; // near: react-native-design/index-key-extractor
}

export function Avatar({ url }: { url: string }) {
  return (
    <View>
      <Image source={{ uri: url }} /> {/* expect: react-native-design/remote-image-size */}
      <Image source={{ uri: url }} style={styles.avatar} /> {/* near: react-native-design/remote-image-size */}
      <Image source={require('../../assets/badge.png')} /> {/* near: react-native-design/remote-image-size */}
    </View>
  );
}

export function AboutScreen() {
  return (
    <ScrollView contentContainerStyle={styles.about}> {/* near: react-native-design/scrollview-map */}
      <Text>Version 4.2</Text>
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  avatar: { width: 48, height: 48, borderRadius: 24 },
  about: { padding: 16, width: width - 32 },
});
